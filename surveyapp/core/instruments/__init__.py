"""The instrument domain: specs, the YAML loader, answer parsing. No Flask here."""
