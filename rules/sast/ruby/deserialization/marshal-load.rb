class SessionStore
  def read(raw)
    # ruleid: picket.ruby.deserialization.marshal-load
    obj = Marshal.load(Base64.decode64(raw))
    # ruleid: picket.ruby.deserialization.marshal-load
    other = Marshal.restore(raw)
    # ok: picket.ruby.deserialization.marshal-load
    copy = Marshal.load(Marshal.dump(obj))
    # ok: picket.ruby.deserialization.marshal-load
    data = JSON.parse(raw)
    [obj, other, copy, data]
  end
end
