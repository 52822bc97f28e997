require "net/http"

def fetch(uri)
  http = Net::HTTP.new(uri.host, uri.port)
  http.use_ssl = true
  # ruleid: picket.ruby.transport.tls-verification-disabled
  http.verify_mode = OpenSSL::SSL::VERIFY_NONE
  # ruleid: picket.ruby.transport.tls-verification-disabled
  conn = Faraday.new(url: "https://api.internal", ssl: { verify: false })
  # ok: picket.ruby.transport.tls-verification-disabled
  http.verify_mode = OpenSSL::SSL::VERIFY_PEER
  # ok: picket.ruby.transport.tls-verification-disabled
  good = Faraday.new(url: "https://api.internal", ssl: { ca_file: "/etc/ssl/ca.pem" })
end
