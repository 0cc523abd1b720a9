<?cs include:"macros.cs" ?><?cs include:"header.cs" ?><?cs #
  /privacy/erase: what erasing the account removes and what it keeps, and
  why.  Erase.Open (Id, Status pending|held, Requested, Due, ByOther, Running: due,
  no longer cancellable): the
  open request; Erase.Holds.N (Reason, Until): legal holds in force;
  Erase.Audit, Erase.DocsMine, Erase.DocsOthers: counts; Erase.GraceDays.
?>
<div class="page-head">
  <h1><?cs var:L.Privacy.Erase.Title ?></h1>
  <p class="lead"><?cs var:L.Privacy.Erase.Lead ?></p>
</div>
<?cs if:Form.Message ?>
<div class="alert alert-error" role="alert"><?cs call:icon("degraded") ?><p><?cs var:Form.Message ?></p></div>
<?cs /if ?><?cs if:Form.Notice ?>
<div class="alert alert-ok" role="status"><?cs call:icon("ok") ?><p><?cs var:Form.Notice ?></p></div>
<?cs /if ?><?cs if:Erase.CanAdmin ?>
<ul class="places">
  <li><a class="place" href="<?cs var:Page.Base ?>/privacy/admin/erasures"><span class="place-icon"><?cs call:icon("shield") ?></span><span class="place-text"><span class="place-label"><?cs var:L.Privacy.Erasures.Title ?></span><span class="place-desc"><?cs var:L.Privacy.Erasures.Lead ?></span></span></a></li>
</ul>
<?cs /if ?>
<?cs if:Erase.Open.Id ?>
<section class="section" aria-labelledby="h-open">
  <h2 id="h-open"><?cs var:L.Privacy.Erase.Open.Title ?></h2>
  <div class="card erasure-open" id="erasure-<?cs var:Erase.Open.Id ?>">
    <p class="card-meta"><?cs call:icon("clock") ?><span><?cs var:L.Privacy.Erase.Open.Status[Erase.Open.Status] ?></span></p>
    <p class="card-meta"><?cs call:icon("clock") ?><span><?cs var:L.Privacy.Erase.Open.Requested ?>: <span class="nowrap"><?cs var:Erase.Open.Requested ?></span> · <?cs var:L.Privacy.Erase.Open.Due ?>: <span class="nowrap erasure-due"><?cs var:Erase.Open.Due ?></span></span></p><?cs if:Erase.Open.ByOther ?>
    <p class="card-meta"><?cs call:icon("info") ?><span><?cs var:L.Privacy.Erase.Open.ByOther ?></span></p><?cs /if ?>
<?cs if:Erase.Open.Running ?>
    <p class="card-meta erasure-running"><?cs call:icon("info") ?><span><?cs var:L.Privacy.Erase.Open.Running ?></span></p><?cs else ?>
    <form method="post" action="<?cs var:Page.Base ?>/privacy/erase/cancel">
      <input type="hidden" name="csrf" value="<?cs var:Page.CSRF ?>">
      <input type="hidden" name="id" value="<?cs var:Erase.Open.Id ?>">
      <div class="actions"><button type="submit" class="button-secondary"><?cs call:icon("arrow-left") ?><span><?cs var:L.Privacy.Erase.Cancel ?></span></button></div>
    </form><?cs /if ?>
  </div>
</section>
<?cs /if ?>
<section class="section" aria-labelledby="h-gone">
  <h2 id="h-gone"><?cs var:L.Privacy.Erase.Gone.Title ?></h2>
  <ul class="erasure-gone">
    <li><?cs var:L.Privacy.Erase.Gone.Account ?></li>
    <li><?cs var:L.Privacy.Erase.Gone.Sign ?></li>
    <li><?cs var:L.Privacy.Erase.Gone.Sso ?></li>
    <li><?cs var:L.Privacy.Erase.Gone.Roles ?></li>
    <li><?cs var:L.Privacy.Erase.Gone.Docs ?> (<?cs var:Erase.DocsMine ?>)</li>
    <li><?cs var:L.Privacy.Erase.Gone.Keys ?></li>
  </ul>
</section>
<section class="section" aria-labelledby="h-kept">
  <h2 id="h-kept"><?cs var:L.Privacy.Erase.Kept.Title ?></h2>
  <ul class="erasure-kept">
    <li><?cs var:L.Privacy.Erase.Kept.Audit ?> (<?cs var:Erase.Audit ?>)</li>
    <li><?cs var:L.Privacy.Erase.Kept.Others ?> (<?cs var:Erase.DocsOthers ?>)</li>
    <li><?cs var:L.Privacy.Erase.Kept.Record ?></li>
  </ul>
<?cs if:subcount(Erase.Holds) > 0 ?>
  <h3><?cs var:L.Privacy.Erase.Holds.Title ?></h3>
  <p><?cs var:L.Privacy.Erase.Holds.Text ?></p>
  <ul class="cards erasure-holds"><?cs each:h = Erase.Holds ?>
    <li class="card"><p class="card-body hold-reason"><?cs var:h.Reason ?></p>
      <p class="card-meta"><?cs call:icon("clock") ?><span><?cs var:L.Privacy.Erase.Holds.Until ?>: <span class="nowrap hold-until"><?cs var:h.Until ?></span></span></p></li><?cs /each ?>
  </ul>
<?cs /if ?>
</section>
<?cs if:!Erase.Open.Id ?>
<section class="section" aria-labelledby="h-ask">
  <h2 id="h-ask"><?cs var:L.Privacy.Erase.Ask.Title ?></h2>
  <p><?cs var:L.Privacy.Erase.Ask.Before ?> <?cs var:Erase.GraceDays ?> <?cs var:L.Privacy.Erase.Ask.After ?></p>
  <form method="post" action="<?cs var:Page.Base ?>/privacy/erase/request">
    <input type="hidden" name="csrf" value="<?cs var:Page.CSRF ?>">
    <div class="actions"><button type="submit" class="button"><?cs call:icon("down") ?><span><?cs var:L.Privacy.Erase.Ask.Submit ?></span></button></div>
  </form>
</section>
<?cs /if ?>
<?cs include:"footer.cs" ?>
