require "digest"
require "bcrypt"

def store(user, password, body)
  # ruleid: picket.ruby.crypto.fast-hash-for-password
  user.password_hash = Digest::MD5.hexdigest(password)
  # ruleid: picket.ruby.crypto.fast-hash-for-password
  h = Digest::SHA256.hexdigest(user.salt + password)
  # ok: picket.ruby.crypto.fast-hash-for-password
  good = BCrypt::Password.create(password)
  # ok: picket.ruby.crypto.fast-hash-for-password
  etag = Digest::MD5.hexdigest(body)
  [h, good, etag]
end
