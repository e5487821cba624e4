"""Places: the COG and Territoires d'industrie gazetteer, its context rules and ``fr_territories``."""
