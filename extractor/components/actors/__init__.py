"""People who act or speak, with their role and body: ``fr_actors``."""
