<!DOCTYPE html>
<html lang="<?cs var:Page.Lang ?>">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title><?cs var:Page.Title ?> – <?cs var:Portal.Name ?></title>
<link rel="stylesheet" href="<?cs var:Page.Base ?>/assets/pforte.css">
<link rel="stylesheet" href="<?cs var:Page.Base ?>/assets/ropa.css">
</head>
<?cs # The record of processing activities as one printable document
  (Art. 30 GDPR): every activity with every field and its processors,
  then the processors with their agreements.  Texts keep their line
  breaks (ropa.css: white-space: pre-line). ?><?cs
def:row(label, value) ?>
    <tr><th scope="row"><?cs var:label ?></th><td class="ropa-text"><?cs var:value ?></td></tr><?cs
/def ?>
<body class="page-ropa-print">
<main id="main" class="container ropa">
  <p class="ropa-noprint"><a href="<?cs var:Page.Base ?>/privacy/admin/activities"><?cs var:L.Privacy.Ropa.Title ?></a></p>
  <h1><?cs var:L.Privacy.Ropa.Print.Title ?></h1>
  <p class="ropa-meta"><?cs var:Portal.Name ?> · <?cs var:L.Privacy.Ropa.Print.Printed ?>: <?cs var:Ropa.Printed ?> · <?cs var:L.Privacy.Ropa.Print.Count ?>: <?cs var:subcount(Ropa.Acts) ?></p>
  <p class="ropa-meta"><?cs var:L.Privacy.Ropa.Print.Note ?></p><?cs each:a = Ropa.Acts ?>
  <section class="ropa-activity" id="activity-<?cs var:a.Id ?>">
  <h2><?cs var:a.Id ?>. <?cs var:a.Name ?></h2>
  <p class="ropa-other" lang="<?cs if:Page.Lang == "en" ?>de<?cs else ?>en<?cs /if ?>"><?cs var:a.Other ?></p>
  <table class="ropa-table">
    <?cs call:row(L.Privacy.Ropa.Purpose, a.Purpose) ?>
    <?cs call:row(L.Privacy.Ropa.Basis, a.Basis) ?>
    <?cs call:row(L.Privacy.Ropa.Data, a.Data) ?>
    <?cs call:row(L.Privacy.Ropa.Subjects, a.Subjects) ?>
    <?cs call:row(L.Privacy.Ropa.Recipients, a.Recipients) ?>
    <tr><th scope="row"><?cs var:L.Privacy.Ropa.Processors ?></th><td><?cs if:subcount(a.Procs) > 0 ?><ul class="ropa-procs"><?cs each:p = a.Procs ?><li><?cs var:p ?></li><?cs /each ?></ul><?cs else ?><?cs var:L.Privacy.Ropa.Procs.NoneUsed ?><?cs /if ?></td></tr>
    <?cs call:row(L.Privacy.Ropa.Third, a.Third) ?>
    <?cs call:row(L.Privacy.Ropa.Retention, a.Retention) ?>
    <?cs call:row(L.Privacy.Ropa.Toms, a.Toms) ?>
    <?cs call:row(L.Privacy.Ropa.Updated, a.Updated) ?>
  </table>
  </section><?cs /each ?>
  <section class="ropa-activity">
  <h2><?cs var:L.Privacy.Ropa.Procs.Title ?></h2>
  <table class="ropa-table">
    <thead><tr><th scope="col"><?cs var:L.Privacy.Ropa.Procs.Name ?></th><th scope="col"><?cs var:L.Privacy.Ropa.Procs.Service ?></th><th scope="col"><?cs var:L.Privacy.Ropa.Procs.Country ?></th><th scope="col"><?cs var:L.Privacy.Ropa.Procs.DpaDate ?></th><th scope="col"><?cs var:L.Privacy.Ropa.Procs.DpaRef ?></th></tr></thead>
    <tbody><?cs each:p = Ropa.Procs ?>
      <tr><td><?cs var:p.Name ?></td><td><?cs var:p.Service ?></td><td><?cs var:p.Country ?></td><td><?cs if:p.DpaDate ?><?cs var:p.DpaDate ?><?cs else ?><?cs var:L.Privacy.Ropa.NoDpa ?><?cs /if ?></td><td><?cs var:p.DpaRef ?></td></tr><?cs /each ?>
    </tbody>
  </table>
  </section>
</main>
</body>
</html>
