<?cs include:"macros.cs" ?><?cs include:"header.cs" ?><?cs #
  /privacy/admin/activities: the record of processing activities (Art. 30),
  names in the request's language, with the processors each one uses.
?>
<p class="help"><a href="<?cs var:Page.Base ?>/privacy/admin"><?cs call:icon("arrow-left") ?><span><?cs var:L.Privacy.Admin.Title ?></span></a></p>
<div class="page-head">
  <h1><?cs var:L.Privacy.Ropa.Title ?></h1>
  <p class="lead"><?cs var:L.Privacy.Ropa.Lead ?></p>
</div>
<section class="section" aria-labelledby="h-acts">
  <h2 id="h-acts"><?cs var:L.Privacy.Ropa.List ?></h2><?cs if:subcount(Ropa.Acts) > 0 ?>
  <div class="table-wrap"><table class="list">
    <thead><tr><th scope="col"><?cs var:L.Privacy.Ropa.Name ?></th><th scope="col"><?cs var:L.Privacy.Ropa.Basis ?></th><th scope="col"><?cs var:L.Privacy.Ropa.Processors ?></th></tr></thead>
    <tbody><?cs each:a = Ropa.Acts ?>
      <tr><td><a href="<?cs var:Page.Base ?>/privacy/admin/activity?id=<?cs var:url_escape(a.Id) ?>"><?cs var:a.Name ?></a></td><td class="ropa-text"><?cs var:a.Basis ?></td><td><?cs each:p = a.Procs ?><?cs var:p ?><br><?cs /each ?></td></tr><?cs /each ?>
    </tbody>
  </table></div><?cs else ?>
  <p class="empty"><?cs call:icon("info") ?><span><?cs var:L.Privacy.Ropa.None ?></span></p><?cs /if ?>
  <div class="actions">
    <a class="button" href="<?cs var:Page.Base ?>/privacy/admin/activities/new"><?cs call:icon("ok") ?><span><?cs var:L.Privacy.Ropa.New ?></span></a>
    <a class="button button-secondary" href="<?cs var:Page.Base ?>/privacy/admin/processors"><?cs call:icon("app") ?><span><?cs var:L.Privacy.Ropa.Procs.Title ?></span></a>
    <a class="button button-secondary" href="<?cs var:Page.Base ?>/privacy/admin/activities/print"><?cs call:icon("info") ?><span><?cs var:L.Privacy.Ropa.Print.Link ?></span></a>
    <a class="button button-secondary" href="<?cs var:Page.Base ?>/privacy/admin/activities.csv"><?cs call:icon("info") ?><span><?cs var:L.Privacy.Ropa.Csv ?></span></a>
  </div>
</section>
<?cs include:"footer.cs" ?>
