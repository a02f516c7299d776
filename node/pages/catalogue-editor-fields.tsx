// The parts 事项管理's form repeats: labelled inputs and the row tables its script fills.

/** A labelled number input. */
export function NumberField({ id, label, min, max }: { id: string; label: string; min: number; max: number }) {
  return (
    <div class="field narrow">
      <label for={id}>{label}</label>
      <input id={id} type="number" min={min} max={max} />
    </div>
  );
}

/** A table of rows the page script fills (stages, licences, materials), with the button adding one. */
export function RowsTable({
  legend,
  columns,
  body,
  add,
  addText,
}: {
  legend: string;
  columns: readonly string[];
  body: string;
  add: string;
  addText: string;
}) {
  return (
    <fieldset>
      <legend>{legend}</legend>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              {columns.map((c) => (
                <th scope="col">{c}</th>
              ))}
            </tr>
          </thead>
          <tbody id={body} />
        </table>
      </div>
      <button type="button" class="secondary" id={add}>
        {addText}
      </button>
    </fieldset>
  );
}

/** A labelled text area holding one item a line. */
export function LinesField({ id, label }: { id: string; label: string }) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <textarea id={id} rows={4} />
    </div>
  );
}
