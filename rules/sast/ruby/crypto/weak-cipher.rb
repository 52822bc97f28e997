require "openssl"

def ciphers
  # ruleid: picket.ruby.crypto.weak-cipher
  a = OpenSSL::Cipher.new("des-ede3-cbc")
  # ruleid: picket.ruby.crypto.weak-cipher
  b = OpenSSL::Cipher.new("aes-128-ecb")
  # ok: picket.ruby.crypto.weak-cipher
  c = OpenSSL::Cipher.new("aes-256-gcm")
  # ok: picket.ruby.crypto.weak-cipher
  d = OpenSSL::Cipher.new("chacha20-poly1305")
  [a, b, c, d]
end
