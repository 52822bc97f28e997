def search(term, table)
  # ruleid: picket.ruby.injection.sql-interpolation
  Post.where("title LIKE '%#{term}%'")
  # ruleid: picket.ruby.injection.sql-interpolation
  ActiveRecord::Base.connection.execute("DELETE FROM #{table}")
  # ok: picket.ruby.injection.sql-interpolation
  Post.where("title LIKE ?", "%#{term}%")
  # ok: picket.ruby.injection.sql-interpolation
  Post.where(published: true)
end
