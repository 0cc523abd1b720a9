<?cs include:"macros.cs" ?><?cs include:"header.cs" ?><?cs #
  /privacy/admin/processors: processors (Art. 28) with their data
  processing agreements ("AV-Verträge").
?>
<p class="help"><a href="<?cs var:Page.Base ?>/privacy/admin/activities"><?cs call:icon("arrow-left") ?><span><?cs var:L.Privacy.Ropa.Title ?></span></a></p>
<div class="page-head">
  <h1><?cs var:L.Privacy.Ropa.Procs.Title ?></h1>
  <p class="lead"><?cs var:L.Privacy.Ropa.Procs.Lead ?></p>
</div>
<section class="section" aria-labelledby="h-procs">
  <h2 id="h-procs"><?cs var:L.Privacy.Ropa.Procs.List ?></h2><?cs if:subcount(Ropa.Procs) > 0 ?>
  <div class="table-wrap"><table class="list">
    <thead><tr><th scope="col"><?cs var:L.Privacy.Ropa.Procs.Name ?></th><th scope="col"><?cs var:L.Privacy.Ropa.Procs.Country ?></th><th scope="col"><?cs var:L.Privacy.Ropa.Procs.DpaDate ?></th><th scope="col"><?cs var:L.Privacy.Ropa.Procs.DpaRef ?></th><th scope="col"><?cs var:L.Privacy.Ropa.Procs.Uses ?></th></tr></thead>
    <tbody><?cs each:p = Ropa.Procs ?>
      <tr><td><a href="<?cs var:Page.Base ?>/privacy/admin/processor?id=<?cs var:url_escape(p.Id) ?>"><?cs var:p.Name ?></a></td><td><?cs var:p.Country ?></td><td><?cs if:p.DpaDate ?><?cs var:p.DpaDate ?><?cs else ?><?cs var:L.Privacy.Ropa.NoDpa ?><?cs /if ?></td><td><?cs var:p.DpaRef ?></td><td><?cs var:p.Uses ?></td></tr><?cs /each ?>
    </tbody>
  </table></div><?cs else ?>
  <p class="empty"><?cs call:icon("info") ?><span><?cs var:L.Privacy.Ropa.Procs.None ?></span></p><?cs /if ?>
  <div class="actions">
    <a class="button" href="<?cs var:Page.Base ?>/privacy/admin/processors/new"><?cs call:icon("ok") ?><span><?cs var:L.Privacy.Ropa.Procs.New ?></span></a>
  </div>
</section>
<?cs include:"footer.cs" ?>
