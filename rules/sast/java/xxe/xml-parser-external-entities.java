import java.io.InputStream;
import javax.xml.parsers.*;
import javax.xml.stream.*;

class Parsers {
    void unsafe(InputStream in) throws Exception {
        DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
        // ruleid: picket.java.xxe.xml-parser-external-entities
        DocumentBuilder db = dbf.newDocumentBuilder();
        XMLInputFactory xif = XMLInputFactory.newFactory();
        // ruleid: picket.java.xxe.xml-parser-external-entities
        XMLStreamReader r = xif.createXMLStreamReader(in);
    }

    void safe(InputStream in) throws Exception {
        DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
        dbf.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        // ok: picket.java.xxe.xml-parser-external-entities
        DocumentBuilder db = dbf.newDocumentBuilder();
        XMLInputFactory xif = XMLInputFactory.newFactory();
        xif.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        // ok: picket.java.xxe.xml-parser-external-entities
        XMLStreamReader r = xif.createXMLStreamReader(in);
    }
}
