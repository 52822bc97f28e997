# Payments settings (test fixture: the token below is fake and planted for the scanner to find).
GITLAB_TOKEN = "glpat-3Fq9vR2xKp7LmN4tYw8Z"
TIMEOUT = 30
