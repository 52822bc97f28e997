region        = "eu-west-1"
instance_type = "t3.micro"
password_min_length = "16"
