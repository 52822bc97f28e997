import java.sql.*;
import javax.servlet.http.*;
import org.springframework.web.bind.annotation.*;

public class UserDao {
    private Connection conn;

    public ResultSet byName(HttpServletRequest request) throws SQLException {
        String name = request.getParameter("name");
        Statement st = conn.createStatement();
        // ruleid: picket.java.injection.sql-tainted-query
        return st.executeQuery("SELECT * FROM users WHERE name = '" + name + "'");
    }

    @GetMapping("/users")
    public void delete(@RequestParam("id") String id) throws SQLException {
        // ruleid: picket.java.injection.sql-tainted-query
        conn.createStatement().executeUpdate(String.format("DELETE FROM users WHERE id = %s", id));
        // ok: picket.java.injection.sql-tainted-query
        conn.createStatement().executeUpdate("DELETE FROM users WHERE id = " + Integer.parseInt(id));
        PreparedStatement ps = conn.prepareStatement("DELETE FROM users WHERE id = ?");
        ps.setString(1, id);
        // ok: picket.java.injection.sql-tainted-query
        ps.executeUpdate();
    }
}
