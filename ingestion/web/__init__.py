"""Staff pages of ingestion: the review queue of proposals and the article reader."""
