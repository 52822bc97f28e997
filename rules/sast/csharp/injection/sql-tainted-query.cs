using System;
using System.IO;
using Microsoft.AspNetCore.Mvc;
using System.Data.SqlClient;

public class UsersController : Controller
{
    private readonly SqlConnection conn;

    [HttpGet("/users")]
    public IActionResult Find([FromQuery] string name, [FromQuery] string id)
    {
        // ruleid: picket.csharp.injection.sql-tainted-query
        var cmd = new SqlCommand("SELECT * FROM Users WHERE Name = '" + name + "'", conn);
        var cmd2 = conn.CreateCommand();
        // ruleid: picket.csharp.injection.sql-tainted-query
        cmd2.CommandText = $"DELETE FROM Users WHERE Id = {Request.Query["id"]}";
        // ok: picket.csharp.injection.sql-tainted-query
        var safe = new SqlCommand("SELECT * FROM Users WHERE Name = @name", conn);
        safe.Parameters.AddWithValue("@name", name);
        // ok: picket.csharp.injection.sql-tainted-query
        var byId = new SqlCommand("SELECT * FROM Users WHERE Id = " + int.Parse(id), conn);
        return Ok();
    }
}
