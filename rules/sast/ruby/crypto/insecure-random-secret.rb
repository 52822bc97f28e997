require "securerandom"

def issue(user)
  # ruleid: picket.ruby.crypto.insecure-random-secret
  reset_token = rand(36**32).to_s(36)
  # ruleid: picket.ruby.crypto.insecure-random-secret
  user.otp = Random.rand(1_000_000)
  # ok: picket.ruby.crypto.insecure-random-secret
  api_key = SecureRandom.hex(32)
  # ok: picket.ruby.crypto.insecure-random-secret
  jitter = rand(100)
  [reset_token, api_key, jitter]
end
