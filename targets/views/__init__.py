"""Pages of the targets app: the indicator catalogue, and under /plans/ a plan's page and
the history of its targets, the target grid, the allocation tools and the wording
read-back endpoint."""
