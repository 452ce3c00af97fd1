"""Settings: profiles, config.toml, base URLs and default paths."""
