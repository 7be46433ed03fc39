"""Team review: the team's reviewers (and facilitators) comment on a saved
workshop. Comments are the team's alone: listed on the report page, never
on a share link nor in any export. Searching the team's workshops is
app/search."""
