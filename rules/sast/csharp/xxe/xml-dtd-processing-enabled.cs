using System.Xml;

class Parsers
{
    void Parse(string path)
    {
        // ruleid: picket.csharp.xxe.xml-dtd-processing-enabled
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Parse };
        var doc = new XmlDocument();
        // ruleid: picket.csharp.xxe.xml-dtd-processing-enabled
        doc.XmlResolver = new XmlUrlResolver();
        // ok: picket.csharp.xxe.xml-dtd-processing-enabled
        var safe = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit };
        // ok: picket.csharp.xxe.xml-dtd-processing-enabled
        doc.XmlResolver = null;
    }
}
