<?cs include:"macros.cs" ?><?cs include:"documents_macros.cs" ?><?cs include:"header.cs" ?><?cs #
  /documents: what the session may read (Docs.List.N: Id, Title, Org,
  Category, Updated), the search (Docs.Q) and the category filter
  (Docs.Cat, Docs.Categories.N).  Page.Can.Upload: the program found that
  the session may upload somewhere.
?>
<div class="page-head">
  <h1><?cs var:L.Docs.Title ?></h1>
  <p class="lead"><?cs var:L.Docs.Lead ?></p>
</div>
<?cs if:Form.Notice ?>
<div class="alert alert-ok" role="status"><?cs call:icon("ok") ?><p><?cs var:Form.Notice ?></p></div>
<?cs /if ?><?cs if:Page.Can.Upload == 1 ?>
<ul class="places">
  <li><a class="place" href="<?cs var:Page.Base ?>/documents/new"><span class="place-icon"><?cs call:icon("doc") ?></span><span class="place-text"><span class="place-label"><?cs var:L.Docs.ToNew ?></span><span class="place-desc"><?cs var:L.Docs.ToNewDesc ?></span></span></a></li>
</ul>
<?cs /if ?>
<section class="section" aria-labelledby="h-search">
  <h2 id="h-search"><?cs var:L.Docs.Search.Title ?></h2>
  <form method="get" action="<?cs var:Page.Base ?>/documents" role="search">
    <div class="field">
      <label for="f-q"><?cs var:L.Docs.Search.Q ?> <span class="field-flag"><?cs var:L.Field.Optional ?></span></label>
      <input id="f-q" name="q" type="search" value="<?cs var:Docs.Q ?>" maxlength="200" autocomplete="off">
    </div>
    <div class="field">
      <label for="f-category"><?cs var:L.Docs.Field.Category ?></label>
      <select id="f-category" name="category"><?cs call:category_options(L.Docs.Search.AllCategories) ?>
      </select>
    </div>
    <div class="actions"><button type="submit"><?cs call:icon("doc") ?><span><?cs var:L.Docs.Search.Submit ?></span></button></div>
  </form>
</section>
<section class="section" aria-labelledby="h-list">
  <h2 id="h-list"><?cs var:L.Docs.List.Title ?></h2><?cs if:Docs.More ?>
  <p class="alert alert-warn"><?cs call:icon("info") ?><span><?cs var:L.Docs.List.More ?></span></p><?cs /if ?><?cs if:subcount(Docs.List) > 0 ?>
  <div class="table-wrap">
  <table class="list documents">
    <thead><tr><th scope="col"><?cs var:L.Docs.Field.Title ?></th><th scope="col"><?cs var:L.Docs.Field.Category ?></th><th scope="col"><?cs var:L.Docs.Field.Org ?></th><th scope="col"><?cs var:L.Docs.Field.Updated ?></th></tr></thead>
    <tbody><?cs each:d = Docs.List ?>
      <tr><td><a href="<?cs var:Page.Base ?>/documents/view?id=<?cs var:url_escape(d.Id) ?>"><?cs var:d.Title ?></a></td><td><?cs var:d.Category ?></td><td><?cs var:d.Org ?></td><td class="nowrap"><?cs var:d.Updated ?></td></tr><?cs /each ?>
    </tbody>
  </table>
  </div><?cs else ?>
  <p class="empty"><?cs call:icon("info") ?><span><?cs if:Docs.Q || Docs.Cat ?><?cs var:L.Docs.List.NoMatch ?><?cs else ?><?cs var:L.Docs.List.None ?><?cs /if ?></span></p><?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
