"""``fr_links``: what each amount and job count is, whose it is and where (ANNOTATION.md)."""
