# Line numbers after quoted multi-line fields, text after a closing quote,
# a literal quote inside an unquoted field, blank and all-empty lines.
data = ('unit,kode,nilai,catatan,kanwil\n'            # 1
        'Lapas A,A.01,Ada,"one\n'                      # 2
        'two\n'                                        # 3
        'three",K\n'                                   # 4
        '\n'                                           # 5
        ',,,,\n'                                       # 6
        'Lapas A,A.02,Adaa,x,K\n'                      # 7
        'Lapas A,A.03,Ada,"quoted" tail,K\n'           # 8
        'Lapas A,A.04,Ada,5" pipe,K\n'                 # 9
        '   \n'                                        # 10
        'Lapas A,A.05,"Tidak",  padded  ,K,,\n'        # 11
        'Lapas A,A.06,Ada,x,K,extra\n')                # 12
open("a.csv", "wb").write(data.encode())
