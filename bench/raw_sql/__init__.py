"""Hand-written SQL stating the work summary's figures: the summary bench's references, one module per app, kept out of the product."""
