"""The screens. The only package that imports PySide6."""
