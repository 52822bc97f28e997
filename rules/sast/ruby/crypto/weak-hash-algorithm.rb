require "digest"

def sums(data)
  # ruleid: picket.ruby.crypto.weak-hash-algorithm
  a = Digest::MD5.hexdigest(data)
  # ruleid: picket.ruby.crypto.weak-hash-algorithm
  b = OpenSSL::Digest.new("SHA1")
  # ok: picket.ruby.crypto.weak-hash-algorithm
  c = Digest::SHA256.hexdigest(data)
  # ok: picket.ruby.crypto.weak-hash-algorithm
  d = OpenSSL::Digest.new("SHA256")
  [a, b, c, d]
end
