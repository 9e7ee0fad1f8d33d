"""The staff pages: made for judging allegations, not for data entry (that is the admin).
Views check input and call the services; the roles are checked again by those services."""
