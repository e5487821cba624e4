"""Model assets (pipeline config, gazetteers, patterns): data only, no code."""
