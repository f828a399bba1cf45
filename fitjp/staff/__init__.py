"""The staff app's views (admin.py runs them): sign in, template, upload, check, preview,
publish, releases and roll back. English only for now; the public app is translated."""
