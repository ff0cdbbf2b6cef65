"""积分超市 terminal: the counter program of a village points supermarket."""

__version__ = "0.1.0"
