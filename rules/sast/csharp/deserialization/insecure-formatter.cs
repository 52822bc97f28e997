using System.IO;
using System.Runtime.Serialization;
using System.Runtime.Serialization.Formatters.Binary;
using System.Text.Json;

class Store
{
    object Load(Stream s, string json)
    {
        // ruleid: picket.csharp.deserialization.insecure-formatter
        var bf = new BinaryFormatter();
        // ruleid: picket.csharp.deserialization.insecure-formatter
        var ndc = new NetDataContractSerializer();
        // ok: picket.csharp.deserialization.insecure-formatter
        var user = JsonSerializer.Deserialize<User>(json);
        // ok: picket.csharp.deserialization.insecure-formatter
        var dcs = new DataContractSerializer(typeof(User));
        return bf.Deserialize(s);
    }
}
