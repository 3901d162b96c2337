/** `skillpack preview`: placeholder until the preview server lands. */
export interface PreviewOptions {
  root: string;
  course?: string;
  port: number;
  open: boolean;
  db: string;
}

export async function previewCommand(_options: PreviewOptions): Promise<void> {
  throw new Error('preview is not available yet');
}
