import java.sql.*;

class Reports {
    ResultSet run(Connection c, String table, String user) throws SQLException {
        // ruleid: picket.java.injection.sql-string-concat
        c.createStatement().executeQuery("SELECT * FROM " + table);
        // ruleid: picket.java.injection.sql-string-concat
        PreparedStatement p = c.prepareStatement(String.format("SELECT * FROM t WHERE u = '%s'", user));
        // ok: picket.java.injection.sql-string-concat
        PreparedStatement q = c.prepareStatement("SELECT * FROM t WHERE u = ?");
        // ok: picket.java.injection.sql-string-concat
        return c.createStatement().executeQuery("SELECT * FROM t " + "ORDER BY id");
    }
}
