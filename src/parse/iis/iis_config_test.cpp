// SPDX-License-Identifier: Apache-2.0
#include "parse/iis/iis_config.h"

#include <gtest/gtest.h>

namespace mtls::parse {
namespace {

constexpr const char* kApplicationHost = R"(<?xml version="1.0" encoding="UTF-8"?>
<configuration>
  <system.applicationHost>
    <sites>
      <site name="Contoso" id="2">
        <application path="/" applicationPool="Contoso">
          <virtualDirectory path="/" physicalPath="C:\inetpub\contoso" />
        </application>
        <application path="/api">
          <virtualDirectory path="/" physicalPath="C:\inetpub\api" />
        </application>
        <bindings>
          <binding protocol="https" bindingInformation="*:443:www.contoso.com" sslFlags="97" />
          <binding protocol="https" bindingInformation="10.0.0.5:443:" sslFlags="0" />
          <binding protocol="https" bindingInformation="[::1]:8443:" />
          <binding protocol="net.tcp" bindingInformation="808:*" />
        </bindings>
      </site>
    </sites>
  </system.applicationHost>
  <system.webServer>
    <security>
      <access sslFlags="None" />
    </security>
  </system.webServer>
  <location path="Contoso/api" overrideMode="Allow">
    <system.webServer>
      <security>
        <access sslFlags="Ssl, SslNegotiateCert, SslRequireCert" />
        <authentication>
          <anonymousAuthentication enabled="false" />
          <iisClientCertificateMappingAuthentication enabled="true" oneToOneCertificateMappingsEnabled="true">
            <oneToOneMappings>
              <add userName="CONTOSO\svc" password="[enc:AesProvider:c2VjcmV0:enc]" certificate="MIIBszCCAVmgAwIBAgIU" />
            </oneToOneMappings>
          </iisClientCertificateMappingAuthentication>
        </authentication>
      </security>
      <handlers>
        <add name="svc-Integrated" path="*.svc" verb="*" type="System.ServiceModel.Activation.HttpHandler" />
      </handlers>
    </system.webServer>
  </location>
</configuration>
)";

TEST(IisConfig, ReadsSitesApplicationsAndBindings) {
  auto parsed = parse_iis_config(kApplicationHost, "applicationHost.config");
  ASSERT_TRUE(parsed) << parsed.error().to_string();
  ASSERT_EQ(parsed->sites.size(), 1u);
  const IisSite& site = parsed->sites[0];
  EXPECT_EQ(site.name, "Contoso");
  EXPECT_EQ(site.id, "2");
  EXPECT_EQ(site.origin.ref, "applicationHost.config:5");
  EXPECT_EQ(site.origin.text, R"(<site name="Contoso" id="2">)");
  ASSERT_EQ(site.applications.size(), 2u);
  EXPECT_EQ(site.applications[1].path, "/api");
  EXPECT_EQ(site.applications[0].application_pool, "Contoso");
  ASSERT_EQ(site.applications[0].virtual_directories.size(), 1u);
  EXPECT_EQ(site.applications[0].virtual_directories[0].physical_path, "C:\\inetpub\\contoso");
  ASSERT_EQ(site.bindings.size(), 4u);
  const IisBinding& sni = site.bindings[0];
  EXPECT_EQ(sni.ip, "*");
  EXPECT_EQ(sni.port, "443");
  EXPECT_EQ(sni.host, "www.contoso.com");
  EXPECT_EQ(sni.ssl_flags, 97u);
  EXPECT_EQ(sni.ssl_flag_names, (std::vector<std::string>{"Sni", "DisableTLS13", "DisableLegacyTLS"}));
  EXPECT_EQ(site.bindings[1].ip, "10.0.0.5");
  EXPECT_EQ(site.bindings[1].host, "");
  EXPECT_EQ(site.bindings[2].ip, "[::1]");
  EXPECT_EQ(site.bindings[2].port, "8443");
  EXPECT_EQ(site.bindings[3].protocol, "net.tcp");
}

TEST(IisConfig, ReadsLocationsWithSecuritySectionsAndKeepsPasswordsOpaque) {
  auto parsed = parse_iis_config(kApplicationHost, "applicationHost.config");
  ASSERT_TRUE(parsed) << parsed.error().to_string();
  ASSERT_EQ(parsed->locations.size(), 2u);
  const IisLocation& server = parsed->locations[0];
  EXPECT_EQ(server.path, "");
  ASSERT_TRUE(server.access);
  EXPECT_FALSE(server.access->require_cert);
  const IisLocation& api = parsed->locations[1];
  EXPECT_EQ(api.path, "Contoso/api");
  EXPECT_EQ(api.override_mode, "Allow");
  EXPECT_FALSE(api.from_web_config);
  ASSERT_TRUE(api.access);
  EXPECT_TRUE(api.access->ssl);
  EXPECT_TRUE(api.access->negotiate_cert);
  EXPECT_TRUE(api.access->require_cert);
  EXPECT_EQ(api.access->origin.ref, "applicationHost.config:29");
  EXPECT_EQ(api.anonymous_authentication, false);
  ASSERT_TRUE(api.iis_mapping);
  EXPECT_EQ(api.iis_mapping->enabled, true);
  EXPECT_EQ(api.iis_mapping->one_to_one_enabled, true);
  EXPECT_FALSE(api.iis_mapping->many_to_one_enabled.has_value());
  ASSERT_EQ(api.iis_mapping->mappings.size(), 1u);
  const IisCertificateMapping& m = api.iis_mapping->mappings[0];
  EXPECT_EQ(m.kind, IisMappingKind::one_to_one);
  EXPECT_EQ(m.user_name, "CONTOSO\\svc");
  EXPECT_TRUE(m.has_password);
  EXPECT_EQ(m.certificate, "MIIBszCCAVmgAwIBAgIU");
  // The evidence text is the start tag's first line; the encrypted password is on it here, so the
  // reader must not quote it.
  EXPECT_EQ(m.origin.text.find("enc:"), std::string::npos) << m.origin.text;
  ASSERT_TRUE(api.wcf_svc_handler);
  EXPECT_EQ(api.wcf_svc_handler->ref, "applicationHost.config:40");
}

TEST(IisConfig, WebConfigPathsAreRelativeToWhereItLives) {
  const char* web = R"(<configuration>
  <location path="secure">
    <system.webServer><security><access sslFlags="SslNegotiateCert" /></security></system.webServer>
  </location>
  <system.serviceModel>
    <bindings><basicHttpBinding><binding name="b">
      <security mode="Transport"><transport clientCredentialType="Certificate" /></security>
    </binding></basicHttpBinding></bindings>
  </system.serviceModel>
</configuration>)";
  auto parsed = parse_iis_config(web, "web.config", std::string("Default Web Site/app"));
  ASSERT_TRUE(parsed) << parsed.error().to_string();
  ASSERT_EQ(parsed->locations.size(), 2u);
  EXPECT_EQ(parsed->locations[0].path, "Default Web Site/app/secure");
  EXPECT_TRUE(parsed->locations[0].from_web_config);
  EXPECT_EQ(parsed->locations[1].path, "Default Web Site/app");
  ASSERT_TRUE(parsed->locations[1].wcf_transport_certificate);
  EXPECT_EQ(parsed->locations[1].wcf_transport_certificate->ref, "web.config:7");
}

TEST(IisConfig, MalformedXmlNamesTheLine) {
  auto parsed = parse_iis_config("<location path=\"Contoso\">\n  <system.webServer>\n    <access sslFlags=\"ssl\">\n  </system.webServer>\n</location>", "bad.xml");
  ASSERT_FALSE(parsed);
  EXPECT_EQ(parsed.error().to_string(), "bad.xml:4: not well-formed XML (Start-end tags mismatch)");
}

TEST(IisConfig, UnknownSslFlagNamesTheLine) {
  auto parsed = parse_iis_config("<location path=\"A\">\n<system.webServer><security>\n<access sslFlags=\"Ssl, SslRequireCertificate\" />\n</security></system.webServer></location>", "a.config");
  ASSERT_FALSE(parsed);
  EXPECT_EQ(parsed.error().to_string(),
            "a.config:3: sslFlags=\"Ssl, SslRequireCertificate\": unknown flag \"SslRequireCertificate\" (expected "
            "None, Ssl, SslNegotiateCert, SslRequireCert or Ssl128)");
}

TEST(IisConfig, BadBindingFlagsAndBooleansNameTheLine) {
  auto flags = parse_iis_config("<sites>\n<site name=\"a\"><bindings>\n<binding protocol=\"https\" bindingInformation=\"*:443:\" sslFlags=\"sni\" />\n</bindings></site></sites>", "b.config");
  ASSERT_FALSE(flags);
  EXPECT_EQ(flags.error().to_string(), "b.config:3: binding sslFlags=\"sni\" is not a number");
  auto info = parse_iis_config("<sites><site name=\"a\"><bindings><binding protocol=\"https\" bindingInformation=\"443\" /></bindings></site></sites>", "c.config");
  ASSERT_FALSE(info);
  EXPECT_EQ(info.error().to_string(), "c.config:1: bindingInformation=\"443\" is not IP:port:host");
  auto boolean = parse_iis_config("<system.webServer><security><authentication>\n<anonymousAuthentication enabled=\"yes\" />\n</authentication></security></system.webServer>", "d.config");
  ASSERT_FALSE(boolean);
  EXPECT_EQ(boolean.error().to_string(), "d.config:2: enabled=\"yes\" is not true or false");
}

TEST(IisConfig, AccessFlagsAreCaseInsensitive) {
  auto flags = parse_access_ssl_flags("ssl,sslnegotiatecert");
  ASSERT_TRUE(flags);
  EXPECT_TRUE(flags->ssl);
  EXPECT_TRUE(flags->negotiate_cert);
  EXPECT_FALSE(flags->require_cert);
}


// Collections (IIS configuration reference, "Collections"): <clear/> and <remove> are recorded in
// document order, each with the index of the first <add> after it.
TEST(IisConfig, MappingCollectionEditsInDocumentOrder) {
  auto parsed = parse_iis_config(R"(<configuration>
<location path="Contoso"><system.webServer><security><authentication>
<iisClientCertificateMappingAuthentication enabled="true">
<oneToOneMappings>
<clear />
<add userName="CONTOSO\a" certificate="MIIBa" />
<remove certificate="MIIBold" />
</oneToOneMappings>
<manyToOneMappings>
<remove name="Partners" />
<add name="Employees" permissionMode="Allow">
<rules>
<add certificateField="Subject" certificateSubField="O" matchCriteria="Old" />
<clear />
<add certificateField="Subject" certificateSubField="O" matchCriteria="Contoso" />
<add certificateField="Issuer" certificateSubField="CN" matchCriteria="Contoso CA" />
<remove certificateField="issuer" certificateSubField="cn" matchCriteria="Contoso CA" />
</rules>
</add>
</manyToOneMappings>
</iisClientCertificateMappingAuthentication>
</authentication></security></system.webServer></location>
</configuration>
)", "applicationHost.config");
  ASSERT_TRUE(parsed) << parsed.error().to_string();
  ASSERT_EQ(parsed->locations.size(), 1u);
  const IisClientCertificateMappingAuthentication& m = *parsed->locations[0].iis_mapping;
  ASSERT_EQ(m.mappings.size(), 2u);
  ASSERT_EQ(m.edits.size(), 3u);
  EXPECT_EQ(m.edits[0].collection, IisMappingKind::one_to_one);
  EXPECT_EQ(m.edits[0].action, IisCollectionAction::clear);
  EXPECT_EQ(m.edits[0].key, "");
  EXPECT_EQ(m.edits[0].before, 0u);
  EXPECT_EQ(m.edits[0].origin.ref, "applicationHost.config:5");
  EXPECT_EQ(m.edits[1].action, IisCollectionAction::remove);
  EXPECT_EQ(m.edits[1].key, "MIIBold");
  EXPECT_EQ(m.edits[1].before, 1u);
  EXPECT_EQ(m.edits[1].origin.ref, "applicationHost.config:7");
  EXPECT_EQ(m.edits[2].collection, IisMappingKind::many_to_one);
  EXPECT_EQ(m.edits[2].action, IisCollectionAction::remove);
  EXPECT_EQ(m.edits[2].key, "Partners");
  EXPECT_EQ(m.edits[2].before, 1u);
  EXPECT_EQ(m.edits[2].origin.text, R"(<remove name="Partners" />)");
  // Rules are one <add>'s own collection: the <clear/> drops "Old", the <remove> (keys compared
  // case-insensitively for the field names) drops the Issuer rule.
  const IisCertificateMapping& many = m.mappings[1];
  ASSERT_EQ(many.rules.size(), 1u);
  EXPECT_EQ(many.rules[0].match_criteria, "Contoso");
  EXPECT_EQ(many.rules[0].origin.ref, "applicationHost.config:15");
}

TEST(IisConfig, SectionDeclarationsAndSectionsNamed) {
  auto parsed = parse_iis_config(R"(<configuration>
<configSections>
<sectionGroup name="system.webServer">
<section name="defaultDocument" overrideModeDefault="Allow" />
<sectionGroup name="security">
<section name="access" overrideModeDefault="Deny" />
<sectionGroup name="authentication">
<section name="iisClientCertificateMappingAuthentication" overrideModeDefault="Deny" />
<section name="windowsAuthentication" />
</sectionGroup>
</sectionGroup>
</sectionGroup>
</configSections>
<location path="Contoso" overrideMode="Allow"><system.webServer><security><access /></security></system.webServer></location>
</configuration>
)", "applicationHost.config");
  ASSERT_TRUE(parsed) << parsed.error().to_string();
  ASSERT_EQ(parsed->section_declarations.size(), 3u);
  EXPECT_EQ(parsed->section_declarations[0].section, "system.webServer/security/access");
  EXPECT_EQ(parsed->section_declarations[0].override_mode_default, "Deny");
  EXPECT_EQ(parsed->section_declarations[0].origin.ref, "applicationHost.config:6");
  EXPECT_EQ(parsed->section_declarations[1].section,
            "system.webServer/security/authentication/iisClientCertificateMappingAuthentication");
  EXPECT_EQ(parsed->section_declarations[2].section, "system.webServer/security/authentication/windowsAuthentication");
  EXPECT_EQ(parsed->section_declarations[2].override_mode_default, "");
  ASSERT_EQ(parsed->locations.size(), 1u);
  const IisLocation& l = parsed->locations[0];
  EXPECT_EQ(l.override_mode, "Allow");
  // Declaring the system.webServer section group marks applicationHost.config, not a web.config.
  EXPECT_FALSE(l.from_web_config);
  EXPECT_FALSE(l.access);  // named without sslFlags: nothing set, but the section is there
  ASSERT_EQ(l.sections.size(), 1u);
  EXPECT_EQ(l.sections[0].section, "system.webServer/security/access");
  EXPECT_EQ(l.sections[0].origin.ref, "applicationHost.config:14");
}
}  // namespace
}  // namespace mtls::parse
