using Newtonsoft.Json;

class Config
{
    JsonSerializerSettings Settings()
    {
        // ruleid: picket.csharp.deserialization.json-type-name-handling
        var a = new JsonSerializerSettings { TypeNameHandling = TypeNameHandling.All };
        var b = new JsonSerializerSettings();
        // ruleid: picket.csharp.deserialization.json-type-name-handling
        b.TypeNameHandling = TypeNameHandling.Auto;
        // ok: picket.csharp.deserialization.json-type-name-handling
        var c = new JsonSerializerSettings { TypeNameHandling = TypeNameHandling.None };
        // ok: picket.csharp.deserialization.json-type-name-handling
        var d = new JsonSerializerSettings { NullValueHandling = NullValueHandling.Ignore };
        return c;
    }
}
