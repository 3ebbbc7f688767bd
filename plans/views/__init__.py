"""Plan pages: browsing the list, and creating, editing, issuing and superseding a plan.
The pages about a plan's targets (its own page among them) are the targets app's."""
