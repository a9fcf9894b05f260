package meridian.datalink;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which columns get a descriptor, and what the descriptors say. */
class ServiceDescriptorsTest {

    @Test
    void identifierColumnsAreObsPublisherDidAndProductId() {
        assertTrue(ServiceDescriptors.isIdentifierColumn("did", "meta.ref.ivoid", "obscore:Curation.PublisherDID"));
        assertTrue(ServiceDescriptors.isIdentifierColumn("product_id", "meta.ref.ivoid", null));
        assertFalse(ServiceDescriptors.isIdentifierColumn("publisher_id", "meta.ref.ivoid",
                "obscore:Curation.PublisherID"));
        assertFalse(ServiceDescriptors.isIdentifierColumn("obs_id", "meta.id", "obscore:DataID.observationID"));
    }

    @Test
    void linksDescriptorReferencesTheField() {
        String xml = ServiceDescriptors.forIdentifierColumn("col7", "http://h:1");
        assertTrue(xml.contains("utype=\"adhoc:service\""));
        assertTrue(xml.contains("ref=\"col7\""));
        assertTrue(xml.contains("value=\"http://h:1/datalink/links\""));
        assertTrue(xml.contains(ServiceDescriptors.LINKS_STANDARD_ID));
    }

    @Test
    void sodaDescriptorOffersOnlyWhatApplies() {
        Product spectrum = new Product("ivo://a/b?c&d", "spectrum", "c", "d", 1.0, 2.0, null, 4e-7, 7e-7, null, null, 0.1,
                null, null, List.of());
        String xml = ServiceDescriptors.soda("soda-0", "http://h", spectrum);
        assertTrue(xml.contains("name=\"BAND\""));
        assertTrue(xml.contains("<MIN value=\"4.0E-7\"/>"));
        assertFalse(xml.contains("name=\"CIRCLE\""));
        assertTrue(xml.contains("value=\"ivo://a/b?c&amp;d\""), xml);
        Product image = new Product("ivo://a/b?i", "image", "c", "i", 1.0, 2.0, 0.1, null, null, null, null, null, null, null,
                List.of());
        String img = ServiceDescriptors.soda("soda-1", "http://h", image);
        assertTrue(img.contains("name=\"CIRCLE\"") && img.contains("name=\"POLYGON\"") && img.contains("name=\"POS\""));
        assertFalse(img.contains("name=\"BAND\""));
    }
}
