region      = "eu-west-1"
db_password = "S3cure-But-Committed"
