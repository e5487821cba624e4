"""Numbers in the text: euro amounts (``fr_amounts``) and job counts (``fr_jobs``)."""
