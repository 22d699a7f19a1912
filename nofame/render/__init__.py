"""Faces of the one Report: text for terminals, JSON for machines."""
