"""Organizations: NER filtering, cue words and known bodies behind ``fr_organizations``."""
