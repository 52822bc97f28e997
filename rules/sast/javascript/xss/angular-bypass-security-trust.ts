import { Component } from "@angular/core";
import { DomSanitizer, SafeHtml } from "@angular/platform-browser";

@Component({ selector: "app-bio", template: "<div [innerHTML]='html'></div>" })
export class BioComponent {
  html: SafeHtml;
  constructor(private sanitizer: DomSanitizer) {}

  show(bio: string, link: string) {
    // ruleid: picket.javascript.xss.angular-bypass-security-trust
    this.html = this.sanitizer.bypassSecurityTrustHtml(bio);
    // ruleid: picket.javascript.xss.angular-bypass-security-trust
    const u = this.sanitizer.bypassSecurityTrustResourceUrl("https://cdn.example/" + link);
    // ok: picket.javascript.xss.angular-bypass-security-trust
    const fixed = this.sanitizer.bypassSecurityTrustHtml("<b>static</b>");
    // ok: picket.javascript.xss.angular-bypass-security-trust
    const clean = this.sanitizer.sanitize(1, bio);
    return [u, fixed, clean];
  }
}
