import java.sql.*;

class Db {
    // ruleid: picket.java.secrets.hardcoded-password
    private static final String DB_PASSWORD = "s3cr3t-Pr0d!";
    // ok: picket.java.secrets.hardcoded-password
    private static final String PASSWORD_PROPERTY = "${db.password}";

    Connection open() throws SQLException {
        // ruleid: picket.java.secrets.hardcoded-password
        Connection c = DriverManager.getConnection("jdbc:postgresql://db/app", "app", "hunter2hunter2");
        // ok: picket.java.secrets.hardcoded-password
        Connection d = DriverManager.getConnection("jdbc:postgresql://db/app", "app", System.getenv("DB_PASSWORD"));
        return c;
    }
}
