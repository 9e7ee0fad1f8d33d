"""Article ingestion: fetch, clean, de-duplicate and extract articles into proposals that
staff accept, edit or reject. Its pipeline arrives with the ingestion milestone; the app is
registered now so its place in the project (and its migrations) is fixed."""
