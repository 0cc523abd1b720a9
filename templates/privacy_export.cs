<?cs include:"macros.cs" ?><?cs include:"header.cs" ?><?cs #
  /privacy/export: everything the portal holds about the signed-in user
  (cgi-bin/privacy-export.c), the same data as /privacy/export.json.
  Data under Export.*: objects as nodes, arrays as <node>.L.N with
  <node>.Count.  Every value is escaped (html); links in attributes.

  who(w): "self" | "another_user" | "system", never a person.
?><?cs def:who(w) ?><?cs if:w == "self" ?><?cs var:L.Privacy.Export.Self ?><?cs elif:w == "another_user" ?><?cs var:L.Privacy.Export.AnotherUser ?><?cs elif:w == "system" ?><?cs var:L.Privacy.Export.System ?><?cs /if ?><?cs /def ?><?cs #
?><?cs def:dash(v) ?><?cs if:v ?><?cs var:v ?><?cs else ?>–<?cs /if ?><?cs /def ?><?cs #
?><?cs def:none(list) ?><?cs if:!list.Count ?><p class="empty"><?cs call:icon("info") ?><span><?cs var:L.Privacy.Export.None ?></span></p><?cs /if ?><?cs /def ?>
<div class="page-head">
  <h1><?cs var:L.Privacy.Export.Title ?></h1>
  <p class="lead"><?cs var:L.Privacy.Export.Lead ?></p>
  <p><a class="button" href="<?cs var:Page.Base ?>/privacy/export.json" download><?cs call:icon("doc") ?><span><?cs var:L.Privacy.Export.Download ?></span></a></p>
  <p class="help"><?cs var:L.Privacy.Export.Generated ?> <span class="nowrap"><?cs var:Export.generated_at ?></span> · <?cs var:L.Privacy.Export.Format ?> <code><?cs var:Export.format ?></code></p>
</div>

<section class="section" aria-labelledby="h-ex-account">
  <h2 id="h-ex-account"><?cs var:L.Privacy.Export.Account ?></h2>
  <dl class="facts" id="ex-account">
    <dt><?cs var:L.Privacy.Export.Email ?></dt><dd><?cs var:Export.account.email ?></dd>
    <dt><?cs var:L.Privacy.Export.Name ?></dt><dd><?cs call:dash(Export.account.name) ?></dd>
    <dt><?cs var:L.Privacy.Export.Phone ?></dt><dd><?cs call:dash(Export.account.phone) ?></dd>
    <dt><?cs var:L.Privacy.Export.Language ?></dt><dd><?cs var:Export.account.language ?></dd>
    <dt><?cs var:L.Privacy.Export.Status ?></dt><dd><?cs var:Export.account.status ?></dd>
    <dt><?cs var:L.Privacy.Export.Created ?></dt><dd><?cs var:Export.account.created_at ?></dd>
    <dt><?cs var:L.Privacy.Export.Verified ?></dt><dd><?cs call:dash(Export.account.email_verified_at) ?></dd>
    <dt><?cs var:L.Privacy.Export.PwChanged ?></dt><dd><?cs call:dash(Export.account.password_changed_at) ?></dd>
    <dt><?cs var:L.Privacy.Export.Org ?></dt><dd><?cs if:Export.organisation.name ?><?cs var:Export.organisation.name ?> (<?cs var:Export.organisation.kind ?>)<?cs else ?>–<?cs /if ?></dd>
  </dl>
</section>

<section class="section" aria-labelledby="h-ex-roles">
  <h2 id="h-ex-roles"><?cs var:L.Privacy.Export.Roles ?></h2>
  <?cs call:none(Export.roles) ?><?cs if:Export.roles.Count ?>
  <div class="table-wrap"><table class="list" id="ex-roles">
    <thead><tr><th scope="col"><?cs var:L.Privacy.Export.Role ?></th><th scope="col"><?cs var:L.Privacy.Export.Scope ?></th><th scope="col"><?cs var:L.Privacy.Export.Org ?></th><th scope="col"><?cs var:L.Privacy.Export.Since ?></th><th scope="col"><?cs var:L.Privacy.Export.Expires ?></th><th scope="col"><?cs var:L.Privacy.Export.By ?></th></tr></thead>
    <tbody><?cs each:e = Export.roles.L ?>
      <tr><td><?cs var:e.label ?> (<code><?cs var:e.role ?></code>)</td><td><?cs var:e.scope ?></td><td><?cs call:dash(e.organisation) ?></td><td class="nowrap"><?cs var:e.granted_at ?></td><td class="nowrap"><?cs call:dash(e.expires_at) ?></td><td><?cs call:who(e.granted_by) ?></td></tr><?cs /each ?>
    </tbody></table></div><?cs /if ?>
  <h3><?cs var:L.Privacy.Export.RoleHistory ?></h3>
  <?cs call:none(Export.role_history) ?><?cs if:Export.role_history.Count ?>
  <div class="table-wrap"><table class="list" id="ex-role-history">
    <thead><tr><th scope="col"><?cs var:L.Privacy.Export.Time ?></th><th scope="col"><?cs var:L.Privacy.Export.Action ?></th><th scope="col"><?cs var:L.Privacy.Export.Role ?></th><th scope="col"><?cs var:L.Privacy.Export.By ?></th></tr></thead>
    <tbody><?cs each:e = Export.role_history.L ?>
      <tr><td class="nowrap"><?cs var:e.time ?></td><td><code><?cs var:e.action ?></code></td><td><?cs call:dash(e.label) ?></td><td><?cs call:who(e.by) ?></td></tr><?cs /each ?>
    </tbody></table></div><?cs /if ?>
  <h3><?cs var:L.Privacy.Export.Requests ?></h3>
  <?cs call:none(Export.role_requests) ?><?cs if:Export.role_requests.Count ?>
  <div class="table-wrap"><table class="list" id="ex-requests">
    <thead><tr><th scope="col"><?cs var:L.Privacy.Export.Role ?></th><th scope="col"><?cs var:L.Privacy.Export.Status ?></th><th scope="col"><?cs var:L.Privacy.Export.Reason ?></th><th scope="col"><?cs var:L.Privacy.Export.Comment ?></th><th scope="col"><?cs var:L.Privacy.Export.Requested ?></th><th scope="col"><?cs var:L.Privacy.Export.Decided ?></th></tr></thead>
    <tbody><?cs each:e = Export.role_requests.L ?>
      <tr><td class="nowrap"><?cs var:e.label ?></td><td class="nowrap"><?cs var:e.status ?></td><td><?cs call:dash(e.reason) ?></td><td><?cs call:dash(e.comment) ?></td><td class="nowrap"><?cs var:e.requested_at ?></td><td class="nowrap"><?cs call:dash(e.decided_at) ?><?cs if:e.decided_by ?> (<?cs call:who(e.decided_by) ?>)<?cs /if ?></td></tr><?cs /each ?>
    </tbody></table></div><?cs /if ?>
</section>

<section class="section" aria-labelledby="h-ex-consents">
  <h2 id="h-ex-consents"><?cs var:L.Privacy.Export.Consents ?></h2>
  <h3><?cs var:L.Privacy.Export.Legal ?></h3>
  <?cs call:none(Export.legal_acceptances) ?><?cs if:Export.legal_acceptances.Count ?>
  <div class="table-wrap"><table class="list" id="ex-legal">
    <thead><tr><th scope="col"><?cs var:L.Privacy.Export.Kind ?></th><th scope="col"><?cs var:L.Privacy.Export.Version ?></th><th scope="col"><?cs var:L.Privacy.Export.Time ?></th><th scope="col"><?cs var:L.Privacy.Export.Address ?></th></tr></thead>
    <tbody><?cs each:e = Export.legal_acceptances.L ?>
      <tr><td><?cs var:e.title ?> (<?cs var:e.kind ?>)</td><td><?cs var:e.version ?></td><td class="nowrap"><?cs var:e.accepted_at ?></td><td><?cs call:dash(e.address) ?></td></tr><?cs /each ?>
    </tbody></table></div><?cs /if ?>
  <h3><?cs var:L.Privacy.Export.ConsentState ?></h3>
  <?cs call:none(Export.consents) ?><?cs if:Export.consents.Count ?>
  <div class="table-wrap"><table class="list" id="ex-consent-state">
    <thead><tr><th scope="col"><?cs var:L.Privacy.Export.Purpose ?></th><th scope="col"><?cs var:L.Privacy.Export.Status ?></th><th scope="col"><?cs var:L.Privacy.Export.Time ?></th></tr></thead>
    <tbody><?cs each:e = Export.consents.L ?>
      <tr><td><?cs var:e.label ?></td><td><?cs if:e.granted == 1 ?><?cs var:L.Privacy.Export.Granted ?><?cs else ?><?cs var:L.Privacy.Export.Withdrawn ?><?cs /if ?></td><td class="nowrap"><?cs var:e.changed_at ?></td></tr><?cs /each ?>
    </tbody></table></div><?cs /if ?>
  <h3><?cs var:L.Privacy.Export.ConsentLog ?></h3>
  <?cs call:none(Export.consent_log) ?><?cs if:Export.consent_log.Count ?>
  <div class="table-wrap"><table class="list" id="ex-consent-log">
    <thead><tr><th scope="col"><?cs var:L.Privacy.Export.Purpose ?></th><th scope="col"><?cs var:L.Privacy.Export.Action ?></th><th scope="col"><?cs var:L.Privacy.Export.Time ?></th><th scope="col"><?cs var:L.Privacy.Export.Address ?></th></tr></thead>
    <tbody><?cs each:e = Export.consent_log.L ?>
      <tr><td><code><?cs var:e.purpose ?></code></td><td><?cs var:e.action ?></td><td class="nowrap"><?cs var:e.changed_at ?></td><td><?cs call:dash(e.address) ?></td></tr><?cs /each ?>
    </tbody></table></div><?cs /if ?>
</section>

<section class="section" aria-labelledby="h-ex-sessions">
  <h2 id="h-ex-sessions"><?cs var:L.Privacy.Export.Sessions ?></h2>
  <?cs call:none(Export.sessions) ?><?cs if:Export.sessions.Count ?>
  <div class="table-wrap"><table class="list" id="ex-sessions">
    <thead><tr><th scope="col"><?cs var:L.Privacy.Export.Device ?></th><th scope="col"><?cs var:L.Privacy.Export.Address ?></th><th scope="col"><?cs var:L.Privacy.Export.Created ?></th><th scope="col"><?cs var:L.Privacy.Export.LastSeen ?></th><th scope="col"><?cs var:L.Privacy.Export.Factors ?></th></tr></thead>
    <tbody><?cs each:e = Export.sessions.L ?>
      <tr><td><?cs call:dash(e.user_agent) ?><?cs if:e.current == 1 ?> <strong>(<?cs var:L.Privacy.Export.Current ?>)</strong><?cs /if ?></td><td><?cs call:dash(e.address) ?></td><td class="nowrap"><?cs var:e.created_at ?></td><td class="nowrap"><?cs var:e.last_seen ?></td><td><?cs var:e.first_factor ?><?cs if:e.second_factor ?> + <?cs var:e.second_factor ?><?cs /if ?></td></tr><?cs /each ?>
    </tbody></table></div><?cs /if ?>
  <h3><?cs var:L.Privacy.Export.SignIns ?></h3>
  <?cs call:none(Export.sign_ins) ?><?cs if:Export.sign_ins.Count ?>
  <div class="table-wrap"><table class="list" id="ex-signins">
    <thead><tr><th scope="col"><?cs var:L.Privacy.Export.Time ?></th><th scope="col"><?cs var:L.Privacy.Export.Action ?></th><th scope="col"><?cs var:L.Privacy.Export.Outcome ?></th><th scope="col"><?cs var:L.Privacy.Export.Address ?></th></tr></thead>
    <tbody><?cs each:e = Export.sign_ins.L ?>
      <tr><td class="nowrap"><?cs var:e.time ?></td><td><code><?cs var:e.action ?></code></td><td><?cs var:e.outcome ?></td><td><?cs call:dash(e.address) ?></td></tr><?cs /each ?>
    </tbody></table></div><?cs /if ?>
</section>

<section class="section" aria-labelledby="h-ex-factors">
  <h2 id="h-ex-factors"><?cs var:L.Privacy.Export.Factors ?></h2>
  <dl class="facts" id="ex-factors">
    <dt><?cs var:L.Privacy.Export.Authenticator ?></dt><dd><?cs if:Export.second_factors.authenticator.confirmed == 1 ?><?cs var:L.Privacy.Export.ConfirmedSince ?> <?cs var:Export.second_factors.authenticator.since ?><?cs else ?>–<?cs /if ?></dd>
    <dt><?cs var:L.Privacy.Export.RecoveryLeft ?></dt><dd><?cs var:Export.second_factors.recovery_codes_left ?> / <?cs var:Export.second_factors.recovery_codes_issued ?></dd>
    <dt><?cs var:L.Privacy.Export.Phone ?></dt><dd><?cs call:dash(Export.second_factors.phone) ?></dd>
  </dl>
  <p class="help"><?cs var:L.Privacy.Export.NoSecrets ?></p>
</section>

<section class="section" aria-labelledby="h-ex-sso">
  <h2 id="h-ex-sso"><?cs var:L.Privacy.Export.Sso ?></h2>
  <h3><?cs var:L.Privacy.Export.SsoApps ?></h3>
  <?cs call:none(Export.sso_applications) ?><?cs if:Export.sso_applications.Count ?>
  <div class="table-wrap"><table class="list" id="ex-sso-apps">
    <thead><tr><th scope="col"><?cs var:L.Privacy.Export.Application ?></th><th scope="col"><?cs var:L.Privacy.Export.FirstUse ?></th><th scope="col"><?cs var:L.Privacy.Export.LastUse ?></th></tr></thead>
    <tbody><?cs each:e = Export.sso_applications.L ?>
      <tr><td><?cs var:e.application ?></td><td class="nowrap"><?cs var:e.first_use ?></td><td class="nowrap"><?cs var:e.last_use ?></td></tr><?cs /each ?>
    </tbody></table></div><?cs /if ?>
  <h3><?cs var:L.Privacy.Export.SsoConsents ?></h3>
  <?cs call:none(Export.sso_consents) ?><?cs if:Export.sso_consents.Count ?>
  <div class="table-wrap"><table class="list" id="ex-sso-consents">
    <thead><tr><th scope="col"><?cs var:L.Privacy.Export.Application ?></th><th scope="col"><?cs var:L.Privacy.Export.Scopes ?></th><th scope="col"><?cs var:L.Privacy.Export.Time ?></th></tr></thead>
    <tbody><?cs each:e = Export.sso_consents.L ?>
      <tr><td><?cs var:e.application ?></td><td><code><?cs var:e.scopes ?></code></td><td class="nowrap"><?cs var:e.granted_at ?></td></tr><?cs /each ?>
    </tbody></table></div><?cs /if ?>
</section>

<section class="section" aria-labelledby="h-ex-docs">
  <h2 id="h-ex-docs"><?cs var:L.Privacy.Export.Documents ?></h2>
  <p class="help"><?cs var:L.Privacy.Export.DocumentsHelp ?></p>
  <?cs call:none(Export.documents) ?><?cs each:d = Export.documents.L ?>
  <article class="card" id="ex-doc-<?cs var:d.id ?>">
    <h3><?cs if:d.link ?><a href="<?cs var:d.link ?>"><?cs var:d.title ?></a><?cs else ?><?cs var:d.title ?><?cs /if ?></h3>
    <?cs if:d.description ?><p><?cs var:d.description ?></p><?cs /if ?>
    <p class="help"><?cs var:L.Privacy.Export.Category ?>: <?cs call:dash(d.category) ?> · <?cs var:L.Privacy.Export.Created ?>: <?cs var:d.created_at ?><?cs if:d.deleted_at ?> · <?cs var:L.Privacy.Export.Deleted ?>: <?cs var:d.deleted_at ?><?cs /if ?></p>
    <?cs if:d.versions.Count ?><ul><?cs each:v = d.versions.L ?>
      <li><?cs if:v.download ?><a href="<?cs var:v.download ?>"><?cs call:dash(v.file_name) ?></a><?cs else ?><?cs call:dash(v.file_name) ?><?cs /if ?> · <?cs var:v.type ?> · <?cs var:v.size ?> <?cs var:L.Privacy.Export.Bytes ?> · <?cs var:v.created_at ?> · <?cs call:who(v.uploaded_by) ?></li><?cs /each ?>
    </ul><?cs /if ?>
  </article><?cs /each ?>
</section>

<section class="section" aria-labelledby="h-ex-alerts">
  <h2 id="h-ex-alerts"><?cs var:L.Privacy.Export.Alerts ?></h2>
  <?cs call:none(Export.alerts) ?><?cs if:Export.alerts.Count ?>
  <div class="table-wrap"><table class="list" id="ex-alerts">
    <thead><tr><th scope="col"><?cs var:L.Privacy.Export.Time ?></th><th scope="col"><?cs var:L.Privacy.Export.Rule ?></th><th scope="col"><?cs var:L.Privacy.Export.Severity ?></th><th scope="col"><?cs var:L.Privacy.Export.Status ?></th></tr></thead>
    <tbody><?cs each:e = Export.alerts.L ?>
      <tr><td class="nowrap"><?cs var:e.time ?></td><td><code><?cs var:e.rule ?></code></td><td><?cs var:e.severity ?></td><td><?cs var:e.state ?></td></tr><?cs /each ?>
    </tbody></table></div><?cs /if ?>
</section>

<section class="section" aria-labelledby="h-ex-audit">
  <h2 id="h-ex-audit"><?cs var:L.Privacy.Export.Audit ?></h2>
  <p class="help"><?cs var:L.Privacy.Export.AuditHelp ?></p>
  <?cs call:none(Export.audit) ?><?cs if:Export.audit.Count ?>
  <div class="table-wrap"><table class="list" id="ex-audit">
    <thead><tr><th scope="col"><?cs var:L.Privacy.Export.Time ?></th><th scope="col"><?cs var:L.Privacy.Export.Action ?></th><th scope="col"><?cs var:L.Privacy.Export.Outcome ?></th><th scope="col"><?cs var:L.Privacy.Export.By ?></th><th scope="col"><?cs var:L.Privacy.Export.About ?></th><th scope="col"><?cs var:L.Privacy.Export.Object ?></th><th scope="col"><?cs var:L.Privacy.Export.Detail ?></th><th scope="col"><?cs var:L.Privacy.Export.Address ?></th></tr></thead>
    <tbody><?cs each:e = Export.audit.L ?>
      <tr><td class="nowrap"><?cs var:e.time ?></td><td><code><?cs var:e.action ?></code></td><td><?cs var:e.outcome ?></td><td><?cs call:who(e.by) ?></td><td><?cs call:who(e.about) ?></td><td><code><?cs var:e.object ?></code></td><td><?cs var:e.detail ?></td><td><?cs call:dash(e.address) ?></td></tr><?cs /each ?>
    </tbody></table></div><?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
