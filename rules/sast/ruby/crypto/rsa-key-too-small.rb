require "openssl"

def keys
  # ruleid: picket.ruby.crypto.rsa-key-too-small
  a = OpenSSL::PKey::RSA.new(1024)
  # ruleid: picket.ruby.crypto.rsa-key-too-small
  b = OpenSSL::PKey::RSA.generate(512)
  # ok: picket.ruby.crypto.rsa-key-too-small
  c = OpenSSL::PKey::RSA.new(3072)
  # ok: picket.ruby.crypto.rsa-key-too-small
  d = OpenSSL::PKey::RSA.new(File.read("key.pem"))
  [a, b, c, d]
end
