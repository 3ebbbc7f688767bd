"""Plan pages, split by domain: browsing, editing the header, the target grid,
allocation tools and the wording read-back endpoint."""
