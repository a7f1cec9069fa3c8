export declare const header: string;
export declare function schemaSource(documentJson: string): Promise<string>;
