# ruleid: picket.ruby.secrets.hardcoded-password
DB_PASSWORD = "s3cr3t-Pr0d!"

def connect
  # ruleid: picket.ruby.secrets.hardcoded-password
  PG.connect(host: "db", user: "app", password: "hunter2hunter2")
  # ok: picket.ruby.secrets.hardcoded-password
  PG.connect(host: "db", user: "app", password: ENV.fetch("DB_PASSWORD"))
  # ok: picket.ruby.secrets.hardcoded-password
  password_label = "Password"
end
