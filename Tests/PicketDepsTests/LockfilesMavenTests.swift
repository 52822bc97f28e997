import Testing
import PicketCore
@testable import PicketDeps

@Suite struct LockfilesMavenTests {
    @Test func moduleInheritsFromParentInRepository() throws {
        let r = try LockfileFixture.parse("maven", "app/pom.xml")
        let jackson = try #require(r.package("com.fasterxml.jackson.core:jackson-databind"))
        #expect(jackson.version == "2.15.3", "version from the parent's dependencyManagement through a property")
        #expect(jackson.file == "app/pom.xml" && jackson.line == 12)
        #expect(jackson.purl == "pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.15.3")
        #expect(r.package("com.acme:acme-lib")?.version == "2.1.0", "${project.version} inherited from the parent")
        let spring = try #require(r.package("org.springframework:spring-core"))
        #expect(spring.version == "6.1.1" && spring.groups == ["optional"])
        let junit = try #require(r.package("junit:junit"))
        #expect(junit.version == "4.13.2" && junit.scope == "test", "managed scope applies")
        let range = try #require(r.package("org.apache.commons:commons-text"))
        #expect(range.version == nil && range.unresolvedReason?.contains("range") == true)
        #expect(r.package("org.yaml:snakeyaml")?.version == "2.2", "[2.2] is an exact pin")
        #expect(r.package("com.acme:looping")?.unresolvedReason?.contains("refers to itself") == true)
        #expect(r.package("com.acme:from-env")?.unresolvedReason?.contains("env.LIB_VERSION") == true)
        // The parent's own dependency, reported where it is declared.
        let slf4j = try #require(r.package("org.slf4j:slf4j-api"))
        #expect(slf4j.file == "pom.xml" && slf4j.version == "2.0.9")
    }

    @Test func publishedParentIsNotGuessed() throws {
        let r = try LockfileFixture.parse("maven", "orphan/pom.xml")
        let web = try #require(r.package("org.springframework.boot:spring-boot-starter-web"))
        #expect(web.version == nil)
        #expect(web.unresolvedReason?.contains("spring-boot-starter-parent:3.2.0") == true)
        #expect(r.package("com.google.guava:guava")?.version == "3.2.0", "${project.parent.version}")
    }

    @Test func gradleLockfile() throws {
        let r = try LockfileFixture.parse("gradle", "gradle.lockfile")
        #expect(r.packages.count == 3)
        #expect(r.package("com.google.guava:guava")?.groups == [])
        #expect(r.package("junit:junit")?.scope == "test")
        #expect(r.package("org.hamcrest:hamcrest-core")?.line == 6)
    }

    @Test func gradleVerificationMetadata() throws {
        let r = try LockfileFixture.parse("gradle", "gradle/verification-metadata.xml")
        #expect(r.package("com.google.guava:guava")?.version == "32.1.3-jre")
        #expect(r.package("com.google.guava:guava")?.line == 7)
    }
}
