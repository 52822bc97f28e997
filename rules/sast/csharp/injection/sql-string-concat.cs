using System.Data.SqlClient;

class Reports
{
    void Run(SqlConnection conn, string table, string user)
    {
        // ruleid: picket.csharp.injection.sql-string-concat
        var a = new SqlCommand("SELECT * FROM " + table, conn);
        // ruleid: picket.csharp.injection.sql-string-concat
        var b = new SqlCommand($"SELECT * FROM t WHERE u = '{user}'", conn);
        // ok: picket.csharp.injection.sql-string-concat
        var c = new SqlCommand("SELECT * FROM t WHERE u = @u", conn);
        // ok: picket.csharp.injection.sql-string-concat
        var d = new SqlCommand("SELECT * FROM t " + "ORDER BY id", conn);
    }
}
